"""Danish stop words (the Snowball project's list)."""

STOPWORDS = frozenset(
    {
    'ad',
    'af',
    'alle',
    'alt',
    'anden',
    'at',
    'blev',
    'blive',
    'bliver',
    'da',
    'de',
    'dem',
    'den',
    'denne',
    'der',
    'deres',
    'det',
    'dette',
    'dig',
    'din',
    'disse',
    'dog',
    'du',
    'efter',
    'eller',
    'en',
    'end',
    'er',
    'et',
    'for',
    'fra',
    'ham',
    'han',
    'hans',
    'har',
    'havde',
    'have',
    'hende',
    'hendes',
    'her',
    'hos',
    'hun',
    'hvad',
    'hvis',
    'hvor',
    'i',
    'ikke',
    'ind',
    'jeg',
    'jer',
    'jo',
    'kunne',
    'man',
    'mange',
    'med',
    'meget',
    'men',
    'mig',
    'min',
    'mine',
    'mit',
    'mod',
    'ned',
    'noget',
    'nogle',
    'nu',
    'når',
    'og',
    'også',
    'om',
    'op',
    'os',
    'over',
    'på',
    'selv',
    'sig',
    'sin',
    'sine',
    'sit',
    'skal',
    'skulle',
    'som',
    'sådan',
    'thi',
    'til',
    'ud',
    'under',
    'var',
    'vi',
    'vil',
    'ville',
    'vor',
    'være',
    'været',
    }
)

# Words of a question or request that are not stop words in the index ("hvordan finansieres
# klimatilpasning", "hvem står bag DK2020", "kan man søge tilskud"): a query never requires them
# and they add little to a document's score.
QUESTION_WORDS = frozenset(
    {
        "hvem", "hvordan", "hvornår", "hvilke", "hvilken", "hvilket", "hvorfor", "hvorledes",
        "hvorvidt", "hvorfra", "hvortil", "hvormed", "hvorhen",
        "kan", "må", "bør", "gør", "gøre", "gøres", "findes", "fås", "får", "nogen",
        "mon", "egentlig", "hjælp", "spørgsmål", "vide",
    }
)

# Words that open a question ("hvad er scope 3", "hvem står bag DK2020"); some are stop words too.
QUESTION_OPENERS = frozenset(
    {
        "hvad", "hvem", "hvor", "hvordan", "hvornår", "hvilke", "hvilken", "hvilket", "hvorfor",
        "hvorledes", "hvorvidt", "hvorfra", "hvortil", "hvormed", "hvorhen",
    }
)

# The frame of a question, not its subject: light verbs, particles and judgements that a question
# wraps around its content words ("hvem *står bag* DK2020", "hvilke krav *stiller* DK2020",
# "hvorfor er ladeinfrastruktur *vigtig*"). Optional only in a query that opens a question: in
# "står" or "vigtig" typed alone they are the subject.
QUESTION_FRAME_WORDS = frozenset(
    {
        "står", "stå", "bag", "stiller", "stille", "stilles", "handler", "betyder", "betyde",
        "ligger", "sker", "foregår", "fungerer", "virker", "gælder", "vigtig", "vigtigt", "vigtige",
        "godt", "bedst", "bedste", "helst", "nemmest", "muligt",
    }
)

