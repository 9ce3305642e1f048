"""设置 page tabs: one module per tab (issuing, policy files, users, backups, working-day calendar)."""
