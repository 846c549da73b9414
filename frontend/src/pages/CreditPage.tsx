export function CreditPage() { return <h1>CreditPage</h1>; }
