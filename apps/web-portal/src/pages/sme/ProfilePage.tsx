// Placeholder: replaced by the real page.
export default function ProfilePage() {
  return <div>ProfilePage</div>;
}
