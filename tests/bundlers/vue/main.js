// Vue 3 through Vite, as README shows (the build tells Vue's compiler the tag is a custom element).
import { createApp } from 'vue';
import 'maqal';
import App from './App.vue';

createApp(App).mount('#root');
