"""`casestudy new`: the answers, the questionary prompts, the preview and the rendering."""
