// Det Fælles Designsystem (the parts Samråd uses, see styles/dkfds.scss), then Samråd's tokens and layout.
import './styles/dkfds.scss';
import './styles/tokens.css';
import './styles/app.css';
import './styles/analysis.css';
import './styles/parties.css';
import './styles/summaries.css';
import './app/sr-app.ts';
