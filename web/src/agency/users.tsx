/** An owner's page: the organisation's users, their roles (changed in place), and adding one. */
import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useI18n } from '../i18n/index.ts';
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
  const { w, fmt } = useI18n();
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
      setSaved(w.agency.roleSaved({ email: user.email, role: w.agency.roles[role] }));
      users.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title={w.agency.pages.users} lead={w.agency.usersLead} />
      <Section id="users" title={w.agency.usersTitle}>
        {users.error ? (
          <ErrorBox error={users.error} />
        ) : !users.data ? (
          <Loading />
        ) : (
          <DataTable
            caption={w.agency.usersCaption}
            rows={users.data}
            columns={[
              { label: w.agency.email, value: (u) => u.email },
              { label: w.agency.userName, value: (u) => u.name },
              {
                label: w.agency.role,
                value: (u) => (
                  <select
                    aria-label={w.agency.roleOf({ email: u.email })}
                    value={u.role}
                    onChange={(e) => void setRole(u, e.currentTarget.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option value={r}>{w.agency.roles[r]}</option>
                    ))}
                  </select>
                ),
              },
              { label: w.agency.created, value: (u) => fmt.date(u.createdAt.slice(0, 10)) },
            ]}
          />
        )}
        <ErrorBox error={error} />
        {saved && <p role="status">{saved}</p>}
        <p class="muted small-text">{w.agency.rolesAbout}</p>
      </Section>
      <AddUser base={base} onAdded={users.reload} />
    </>
  );
}

function AddUser({ base, onAdded }: { base: string; onAdded: () => void }) {
  const { w } = useI18n();
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
    <Section id="add-user" title={w.agency.addUserTitle}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div class="form-grid">
          <label>
            <span>{w.agency.email}</span>
            <input
              type="email"
              required
              autoComplete="off"
              value={user.email}
              onInput={(e) => setUser({ ...user, email: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{w.agency.userName}</span>
            <input
              required
              value={user.name}
              onInput={(e) => setUser({ ...user, name: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{w.agency.newPassword}</span>
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
            <span>{w.agency.role}</span>
            <select
              value={user.role}
              onChange={(e) => setUser({ ...user, role: e.currentTarget.value as Role })}
            >
              {ROLES.map((r) => (
                <option value={r}>{w.agency.roles[r]}</option>
              ))}
            </select>
          </label>
        </div>
        <div class="actions">
          <button type="submit">{w.agency.addUser}</button>
        </div>
      </form>
      <ErrorBox error={error} />
      {added && <p role="status">{w.agency.userAdded({ email: added })}</p>}
    </Section>
  );
}
