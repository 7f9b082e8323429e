import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

export default createApp({
  // Cloud deployments is also discovered (app.packages: all); listing it here
  // keeps its page and entity cards when discovery is off. Plugins are
  // deduplicated by id.
  features: [
    catalogPlugin,
    cloudDeploymentsPlugin,
    navModule,
    homeModule,
    signInModule,
  ],
});
