"""Small reusable widgets used by the editor and dialogs."""
