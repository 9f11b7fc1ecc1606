"""klimaviden: the command line and the settings shared by the CLI and the web app."""
