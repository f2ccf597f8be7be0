import { createClient } from '../api/client.js';

/** The one client the UI uses: same origin, the token (if any) travels as an HttpOnly cookie. */
export const api = createClient({ baseUrl: '' });
