// Placeholder: replaced by the real page.
export default function NotificationsPage() {
  return <div>NotificationsPage</div>;
}
