// Placeholder: replaced by the real page.
export default function HallPage() {
  return <div>HallPage</div>;
}
