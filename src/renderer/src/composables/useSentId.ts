import { watch } from 'vue'
import { useRouter } from 'vue-router'
import { isOfflineId } from '@shared/sync'

/**
 * A page opened on a row made offline (issue 18) keeps its temporary id in
 * the address; once the row is sent, main answers it under the server's id
 * (the ids it is asked by are translated). The page then moves to the
 * server's id, in place, rather than showing nothing for an id that no
 * longer names a row.
 */
export function useSentId(
  requested: () => number,
  loaded: () => number | undefined,
  path: (id: number) => string
): void {
  const router = useRouter()
  watch(loaded, (id) => {
    if (id !== undefined && id !== requested() && isOfflineId(requested())) {
      void router.replace(path(id))
    }
  })
}
