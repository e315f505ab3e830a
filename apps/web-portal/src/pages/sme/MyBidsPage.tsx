// Placeholder: replaced by the real page.
export default function MyBidsPage() {
  return <div>MyBidsPage</div>;
}
