import { apiKey, signOut } from './api.js';
import { h } from './dom.js';
import { render, route, start } from './router.js';
import { createView } from './views/create.js';
import { jobView } from './views/job.js';
import { jobsView } from './views/jobs.js';
import { signInView } from './views/signin.js';

const main = h('main', { id: 'main' });
const nav = h('nav', { 'aria-label': 'Main' },
  h('a', { href: '#/jobs', 'data-section': 'jobs' }, 'Jobs'),
  h('a', { href: '#/new', 'data-section': 'new' }, 'New batch'),
  h('button', { type: 'button', onclick: () => signOut() }, 'Sign out'));
// The skip link moves focus itself: its #main would otherwise be read as a route.
const skip = h('a', { class: 'skip', href: '#main', onclick: event => { event.preventDefault(); main.querySelector('h1')?.focus(); } }, 'Skip to content');
document.body.append(
  skip,
  h('header', { class: 'top' }, h('a', { class: 'brand', href: '#/jobs' }, 'Batch calls'), nav),
  main);

/** The views the header's links lead to, so the link of the one shown is marked current. */
const sections = { jobs: jobsView, new: createView };

let signedOutReason;
addEventListener('signed-out', event => {
  signedOutReason = event.detail;
  render();
});

route(/^\/$|^\/jobs$/, jobsView);
route(/^\/new$/, createView);
route(/^\/jobs\/(?<id>[^/]+)$/, jobView);

/**
 * Every view needs the key, so without one the sign-in form stands in for it and shows it once signed in. Each view
 * draws its heading at once; focus moves there so a screen reader announces the new page.
 */
start((view, context) => {
  nav.hidden = !apiKey();
  if (!apiKey()) {
    signInView(main, { reason: signedOutReason, done: render });
  } else {
    signedOutReason = undefined;
    for (const link of nav.querySelectorAll('a')) {
      if (view === sections[link.dataset.section]) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    view(main, context);
  }
  main.querySelector('h1')?.focus();
});
