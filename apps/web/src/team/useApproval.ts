// What the publish dialog needs to know about approvals: must this user request instead of
// publish, and is a request waiting on this journey.
import { useCallback, useEffect, useState } from 'react';
import { isManager, teamApi, type PublishRequest } from '../api/team';
import { useSession } from '../session';

export type Approval = {
  loaded: boolean;
  /** The rule is on and this user is not an owner or admin: "Publish" becomes "Request publishing". */
  mustRequest: boolean;
  manager: boolean;
  pending: PublishRequest | null;
  lastRejected: PublishRequest | null;
  reload: () => Promise<void>;
};

export function useApproval(journeyId: string): Approval {
  const me = useSession((s) => s.me);
  const manager = isManager(me?.role);
  const [state, setState] = useState<{ loaded: boolean; needs: boolean; requests: PublishRequest[] }>({ loaded: false, needs: false, requests: [] });

  const reload = useCallback(async () => {
    const [ws, requests] = await Promise.all([teamApi.workspace().catch(() => null), teamApi.requests(journeyId).catch(() => [])]);
    setState({ loaded: true, needs: ws?.publishNeedsApproval === true, requests });
  }, [journeyId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const latest = state.requests[0] ?? null;
  return {
    loaded: state.loaded,
    mustRequest: state.needs && !manager,
    manager,
    pending: latest?.status === 'pending' ? latest : null,
    lastRejected: latest?.status === 'rejected' ? latest : null,
    reload,
  };
}
