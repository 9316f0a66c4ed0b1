// Svelte 5 through Vite, as README shows.
import { mount } from 'svelte';
import 'maqal';
import App from './App.svelte';

mount(App, { target: document.getElementById('root') });
