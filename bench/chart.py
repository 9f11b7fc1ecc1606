"""How each figure grows with the number of documents, drawn to one PNG (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from bench.targets import lookup  # noqa: E402

MIB = 2**20
PANELS = (
    ("Full build (s)", (("klimaviden", ("build", "seconds"), 1),
                        ("FTS5 (text given)", ("baselines", "fts5", "build", "seconds"), 1),
                        ("Whoosh raw (text given)", ("baselines", "whoosh_raw", "build", "seconds"), 1),
                        ("tantivy (text given)", ("baselines", "tantivy", "build", "seconds"), 1),
                        ("text extraction only", ("extract_measured", "seconds"), 1)), 90),
    ("Search p95, in-process (ms)", (("klimaviden", ("search", "all", "p95"), 1),
                                     ("FTS5", ("baselines", "fts5", "search", "all", "p95"), 1),
                                     ("Whoosh raw", ("baselines", "whoosh_raw", "search", "all", "p95"), 1),
                                     ("tantivy", ("baselines", "tantivy", "search", "all", "p95"), 1)), 50),
    ("Many-hit queries p95 (ms)", (("klimaviden facets", ("facets_ours", "all", "p95"), 1),
                                   ("Whoosh groupedby", ("facets_groupedby", "all", "p95"), 1)), None),
    ("HTTP p95, 2 workers (ms)", (("search page /", ("http", "/", "latency_ms", "p95"), 1),
                                  ("/api/search", ("http", "/api/search", "latency_ms", "p95"), 1)), 80),
    ("Incremental reindex (s)", (("nothing changed", ("incremental", "unchanged", "p50"), 1),
                                 ("one file changed", ("incremental", "one_changed_visible", "p50"), 1)), 3),
    ("Memory and disk (MiB)", (("build peak RSS", ("build", "peak_rss_bytes"), 1 / MIB),
                               ("index on disk", ("build", "index_bytes"), 1 / MIB),
                               ("web worker RSS", ("worker_rss_max",), 1 / MIB)), None),
)


def draw(results: dict, path: Path) -> None:
    sizes = [int(n) for n in results["sizes"]]
    runs = []
    for r in results["sizes"].values():
        rss = lookup(r, ("http", "worker_rss_bytes"))
        extract = r.get("extract", {})
        runs.append(dict(r, worker_rss_max=max(rss) if rss else None,
                         extract_measured=None if extract.get("cached") else extract))
    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))
    for ax, (title, series, target) in zip(axes.flat, PANELS):
        for label, key, scale in series:
            points = [(n, v * scale) for n, r in zip(sizes, runs) if isinstance(v := lookup(r, key), (int, float))]
            if points:
                ax.plot(*zip(*points), marker="o", label=label)
        if target:
            ax.axhline(target, color="grey", linestyle="--", linewidth=1, label=f"target {target}")
        ax.set_title(title)
        ax.set_xlabel("documents")
        ax.set_xscale("log")
        ax.set_xticks(sizes, [f"{n:,}" for n in sizes])
        ax.minorticks_off()
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    m = results["machine"]
    fig.suptitle(f"klimaviden benchmark ({results['mode']}, {results['date'][:10]}, {m['cores']} cores)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)
