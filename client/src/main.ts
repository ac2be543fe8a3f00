// Det Fælles Designsystem's compiled CSS (fonts, icons and components), then Samråd's tokens and layout.
import '@dkfds/css/dkfds.min.css';
import './styles/tokens.css';
import './styles/app.css';
import './app/sr-app.ts';
