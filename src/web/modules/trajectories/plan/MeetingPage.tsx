import { Page } from '../../../shell/Page.js';

// Placeholder: a meeting's preparation and evaluation, filled in by its owner (issue 5).
export default function MeetingPage() {
  return <Page title="Naast">{null}</Page>;
}
