package store

// Unwrap returns the store a domain's transaction is (see Bind), for the ports internal/app wires
// between domains: another domain's work done in the same transaction. It panics for anything
// else, which would be a wiring mistake.
func Unwrap(tx any) *Store { return tx.(*Store) }
