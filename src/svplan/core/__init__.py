"""The core: catalogue and plan models, loading, saving and checks. Never imports Qt."""
