export function CreditPolicyPage() { return <h1>CreditPolicyPage</h1>; }
