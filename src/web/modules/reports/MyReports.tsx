import { Page } from '../../shell/Page.js';

// Placeholder: filled in by its owner (issue 5).
export default function Placeholder() {
  return <Page title="Naast">{null}</Page>;
}
