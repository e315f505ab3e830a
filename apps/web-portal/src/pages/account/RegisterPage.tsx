// Placeholder: replaced by the real page.
export default function RegisterPage() {
  return <div>RegisterPage</div>;
}
