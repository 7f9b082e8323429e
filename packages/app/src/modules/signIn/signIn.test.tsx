import { render, screen } from '@testing-library/react';
import { createApp } from '@backstage/frontend-defaults';
import { mockApis } from '@backstage/frontend-test-utils';
import { signInModule, signInPage } from './index';

describe('signInModule', () => {
  it("takes the app plugin's default sign-in page's id, so it replaces it", () => {
    // sign-in-page:app: the kind and no name, in the app plugin's module.
    expect(String(signInModule)).toBe('Module{pluginId=app}');
    expect(String(signInPage)).toMatch(/kind=sign-in-page/);
    expect(String(signInPage)).not.toMatch(/name=/);
  });

  it('replaces the default sign-in page with the same guest sign-in', async () => {
    // Signing in for real (not the test app's signed-in mock): no session,
    // so the page asks, offering the guest provider only, as the default did.
    const config = mockApis.config({
      data: {
        app: { title: 'Test' },
        backend: { baseUrl: 'http://localhost:7007' },
      },
    });
    const app = createApp({
      features: [signInModule],
      advanced: { configLoader: async () => ({ config }) },
    });
    render(app.createRoot());

    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});
