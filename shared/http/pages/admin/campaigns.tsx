import type { Consultation } from '../../../consultation.js';
import type { Group } from '../../../review/campaigns.js';
import type { Submission } from '../../../submission.js';
import { AdminLayout, type AdminPageProps, PostButton } from './layout.js';

const OPENING_CHARS = 160;

export function CampaignsPage(
  props: AdminPageProps & { consultation: Consultation; groups: Group[]; byId: Map<string, Submission> },
) {
  const { t, principal, consultation, groups, byId } = props;
  const a = t.admin.campaigns;
  const v = t.admin.view;
  return (
    <AdminLayout {...props} title={a.title}>
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      {groups.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                {a.size}
              </th>
              <th scope="col">{a.opening}</th>
              <th scope="col">{a.members}</th>
              <th scope="col">{a.state}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const first = byId.get(g.groupId);
              const opening = first ? Object.values(first.answers).join(' ').slice(0, OPENING_CHARS) : '';
              return (
                <tr>
                  <td class="num">{g.members.length}</td>
                  <td>{opening}…</td>
                  <td>
                    {g.members.map((id) => (
                      <>
                        <a href={`/admin/submissions/${encodeURIComponent(id)}`}>
                          <bdi>{byId.get(id)?.stakeholder.organization ?? id}</bdi>
                        </a>
                        <br />
                      </>
                    ))}
                  </td>
                  <td>
                    <p>{g.campaign ? a.marked : a.notMarked}</p>
                    <PostButton
                      principal={principal}
                      action={`/admin/consultations/${encodeURIComponent(consultation.id)}/campaigns/${encodeURIComponent(g.groupId)}`}
                      fields={{ campaign: g.campaign ? 'no' : 'yes' }}
                      label={g.campaign ? v.unmarkCampaign : v.markCampaign}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
