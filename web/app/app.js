// Starts the caucus drafting app: loads the WebAssembly module, which mounts the app into
// the first element carrying `data-caucus-app` (or the body). An institution embedding
// the app adds that element, style.css and this script to its own page.
import init from './caucus_web.js';

init().catch((error) => {
  const root = document.querySelector('[data-caucus-app]') || document.body;
  const message = document.createElement('p');
  message.className = 'load-error';
  message.setAttribute('role', 'alert');
  message.textContent = 'caucus could not start in this browser: ' + error +
    '. It needs a current browser with WebAssembly enabled.';
  root.append(message);
});
