import { useState } from 'react';
import { useGraphiQL, type GraphiQLPlugin } from '@graphiql/react';
import type { DemoLogin } from './explorer-config';

const LOGIN = `mutation ExplorerDemoLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken }
}`;

interface LoginAnswer {
  data?: { login?: { accessToken: string } | null } | null;
  errors?: { message: string }[];
}

async function signIn(graphqlPath: string, login: DemoLogin): Promise<string> {
  const response = await fetch(graphqlPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { email: login.email, password: login.password } }),
  });
  const answer = (await response.json()) as LoginAnswer;
  const token = answer.data?.login?.accessToken;
  if (!token) throw new Error(answer.errors?.[0]?.message ?? `sign-in failed (HTTP ${response.status})`);
  return token;
}

function DemoLoginsPanel({ graphqlPath, logins }: { graphqlPath: string; logins: DemoLogin[] }) {
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const [status, setStatus] = useState('');
  const use = async (login: DemoLogin) => {
    setStatus(`Signing in as ${login.email}…`);
    try {
      const token = await signIn(graphqlPath, login);
      headerEditor?.setValue(JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
      setStatus(`Signed in as ${login.email}: the Authorization header is in the Headers editor.`);
    } catch (error) {
      setStatus(`Could not sign in as ${login.email}: ${(error as Error).message}`);
    }
  };
  return (
    <div className="demo-logins" data-testid="demo-logins">
      <div className="graphiql-doc-explorer-title">Demo logins</div>
      <p>Demo data accounts. Sign in to put a Bearer token in the Headers editor; queries, mutations and subscriptions (as connection params) all send it.</p>
      <ul>
        {logins.map((login) => (
          <li key={login.email}>
            <code>{login.email}</code>
            <span>
              {login.role.toLowerCase()}, password <code>{login.password}</code>
            </span>
            <button type="button" className="graphiql-button" onClick={() => void use(login)}>
              Sign in as {login.role.toLowerCase()}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{status}</p>
    </div>
  );
}

function KeyIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l8-8M16 7l2 2M14 9l2 2" />
    </svg>
  );
}

/** A sidebar panel listing the demo accounts, each one click from a signed-in Headers editor. */
export function demoLoginsPlugin(graphqlPath: string, logins: DemoLogin[]): GraphiQLPlugin {
  return {
    title: 'Demo logins',
    icon: KeyIcon,
    content: () => <DemoLoginsPanel graphqlPath={graphqlPath} logins={logins} />,
  };
}
