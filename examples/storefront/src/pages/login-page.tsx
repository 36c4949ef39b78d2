import { useApolloClient } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { mergeLocalCart } from '../cart';
import { errorMessage } from '../format';
import { LoginMutation, RegisterMutation } from '../operations';
import { navigate } from '../router';
import { sessionFromPayload, setSession } from '../session';

/** Sign in or create an account; the picks made while signed out move into the account's cart. */
export function LoginPage({ next }: { next: string }) {
  const client = useApolloClient();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const payload =
        mode === 'login'
          ? (await client.mutate({ mutation: LoginMutation, variables: { email, password } })).data?.login
          : (await client.mutate({ mutation: RegisterMutation, variables: { input: { email, password, name } } })).data?.register;
      if (!payload) throw new Error('No answer from the shop');
      setSession(sessionFromPayload(payload));
      await mergeLocalCart(client);
      navigate(next);
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel narrow" onSubmit={submit}>
      <h1>{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
      {mode === 'register' && (
        <label>
          Name
          <input value={name} onChange={(event) => setName(event.target.value)} required autoComplete="name" />
        </label>
      )}
      <label>
        Email
        <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required autoComplete="email" />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          minLength={mode === 'register' ? 8 : undefined}
        />
      </label>
      {failure && <p className="error">{failure}</p>}
      <button type="submit" disabled={busy}>
        {mode === 'login' ? 'Sign in' : 'Create account'}
      </button>
      <p className="muted">
        {mode === 'login' ? (
          <>
            Demo: <code>customer@shopgraph.dev</code> / <code>shopgraph-demo</code>.{' '}
            <button type="button" className="link" onClick={() => setMode('register')}>
              New here? Create an account
            </button>
          </>
        ) : (
          <button type="button" className="link" onClick={() => setMode('login')}>
            I have an account
          </button>
        )}
      </p>
    </form>
  );
}
