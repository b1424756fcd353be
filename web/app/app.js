// Starts the caucus drafting app: loads the WebAssembly module, which mounts the app into
// the first element carrying `data-caucus-app` (or the body). An institution embedding
// the app adds that element, style.css and this script to its own page.
import init from './caucus_web.js';

// On a slow machine the module takes a second or more to start: say so meanwhile.
// The app replaces it when it mounts (Yew empties the element it mounts into).
const root = document.querySelector('[data-caucus-app]') || document.body;
const starting = document.createElement('p');
starting.className = 'starting';
starting.setAttribute('role', 'status');
starting.textContent = 'Starting caucus…';
root.append(starting);

init().catch((error) => {
  starting.remove();
  const message = document.createElement('p');
  message.className = 'load-error';
  message.setAttribute('role', 'alert');
  message.textContent = 'caucus could not start in this browser: ' + error +
    '. It needs a current browser with WebAssembly enabled.';
  root.append(message);
});
