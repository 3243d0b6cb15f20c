"""Read-side queries shared by pages, exports and the API (nothing here changes state)."""
