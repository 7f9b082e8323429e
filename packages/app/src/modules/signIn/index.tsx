import { SignInPage } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * The app plugin's default sign-in page (guest), imported statically. The
 * default's loader imports all of core-components (its table and date library
 * too, ~450 KiB minified) as a lazy chunk, and every page load waits for that
 * chunk before it can resume the session: about a quarter of a second of a
 * cold load here (bench/README.md, pageload).
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <SignInPage {...props} providers={['guest']} />,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
