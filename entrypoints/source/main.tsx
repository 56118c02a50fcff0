import { render } from 'preact';
import '@/components/base.css';
import './source.css';
import { SourceView } from './SourceView';

render(<SourceView />, document.getElementById('app') as HTMLElement);
