"""Report renderings: JSON (the shared contract), LanguageTool, SARIF, and text for people."""
