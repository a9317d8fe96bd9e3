/** An owner's page: the organisation's users, their roles (changed in place), and adding one. */
import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useAgencyI18n } from './i18n.ts';
import { useSession } from './session.ts';

export const ROLES = ['owner', 'analyst', 'viewer'] as const;
type Role = (typeof ROLES)[number];

interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export function UsersPage() {
  const { fmt, a } = useAgencyI18n();
  const { me } = useSession();
  const base = `/orgs/${encodeURIComponent(me.orgId)}/users`;
  const users = useLoad(() => account.get<User[]>(base), [me]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const setRole = async (user: User, role: Role) => {
    setError(null);
    setSaved(null);
    try {
      await account.send('PUT', `${base}/${encodeURIComponent(user.id)}/role`, { role });
      setSaved(a.roleSaved({ email: user.email, role: a.roles[role] }));
      users.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title={a.pages.users} lead={a.usersLead} />
      <Section id="users" title={a.usersTitle}>
        {users.error ? (
          <ErrorBox error={users.error} />
        ) : !users.data ? (
          <Loading />
        ) : (
          <DataTable
            caption={a.usersCaption}
            rows={users.data}
            columns={[
              { label: a.email, value: (u) => u.email },
              { label: a.userName, value: (u) => u.name },
              {
                label: a.role,
                value: (u) => (
                  <select
                    aria-label={a.roleOf({ email: u.email })}
                    value={u.role}
                    onChange={(e) => void setRole(u, e.currentTarget.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option value={r}>{a.roles[r]}</option>
                    ))}
                  </select>
                ),
              },
              { label: a.created, value: (u) => fmt.date(u.createdAt.slice(0, 10)) },
            ]}
          />
        )}
        <ErrorBox error={error} />
        {saved && <p role="status">{saved}</p>}
        <p class="muted small-text">{a.rolesAbout}</p>
      </Section>
      <AddUser base={base} onAdded={users.reload} />
    </>
  );
}

function AddUser({ base, onAdded }: { base: string; onAdded: () => void }) {
  const { a } = useAgencyI18n();
  const empty = { email: '', name: '', password: '', role: 'analyst' as Role };
  const [user, setUser] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    setAdded(null);
    try {
      await account.send('POST', base, { ...user, email: user.email.trim(), name: user.name.trim() });
      setAdded(user.email.trim());
      setUser(empty);
      onAdded();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section id="add-user" title={a.addUserTitle}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div class="form-grid">
          <label>
            <span>{a.email}</span>
            <input
              type="email"
              required
              autoComplete="off"
              value={user.email}
              onInput={(e) => setUser({ ...user, email: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{a.userName}</span>
            <input
              required
              value={user.name}
              onInput={(e) => setUser({ ...user, name: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{a.newPassword}</span>
            <input
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              value={user.password}
              onInput={(e) => setUser({ ...user, password: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{a.role}</span>
            <select
              value={user.role}
              onChange={(e) => setUser({ ...user, role: e.currentTarget.value as Role })}
            >
              {ROLES.map((r) => (
                <option value={r}>{a.roles[r]}</option>
              ))}
            </select>
          </label>
        </div>
        <div class="actions">
          <button type="submit">{a.addUser}</button>
        </div>
      </form>
      <ErrorBox error={error} />
      {added && <p role="status">{a.userAdded({ email: added })}</p>}
    </Section>
  );
}
