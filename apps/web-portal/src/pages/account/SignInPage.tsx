// Placeholder: replaced by the real page.
export default function SignInPage() {
  return <div>SignInPage</div>;
}
