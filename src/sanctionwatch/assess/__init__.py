"""Assessment: the regime as data, member submissions, official notifications, ledgers."""
