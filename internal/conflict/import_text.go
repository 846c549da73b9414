package conflict

// maxLineBytes is the longest line an import file may have: far above any real row (a name, a
// matter reference and 20 aliases), and the most of it the CSV reader ever holds in memory.
const maxLineBytes = 64 << 10
