/**
 * The import's child process on the desktop: Electron's utilityProcess, a
 * Node process started through Chromium's services. Node's fork would run
 * the app's own binary with ELECTRON_RUN_AS_NODE, which a packaged app with
 * the RunAsNode fuse turned off ignores (Electron's fuses page recommends
 * utility processes instead); a utility process works with the fuse either
 * way. Not run on these machines (no Electron binary): its wiring is tested
 * against a mocked `electron` (tests/unit/utility-child.test.ts).
 */
import { utilityProcess } from 'electron'
import type { ChildStarter } from '../offthread/messages'

export const utilityChild: ChildStarter = (workerFile, execArgv, on) => {
  const started = utilityProcess.fork(workerFile, [], {
    execArgv,
    serviceName: 'PhysioPlan import',
    stdio: 'inherit'
  })
  // V8's fatal errors (a heap at its limit among them) come before the exit
  let fatal = false
  started.on('message', on.message)
  started.on('error', () => (fatal = true))
  // as with fork, the lane ignores the exit of a process it stopped or let go
  const exited = new Promise<number>((done) => started.once('exit', done))
  void exited.then(() => on.failed(fatal))
  return {
    post: (request) => started.postMessage(request),
    // a utility process doesn't keep Electron's app running: the window does
    hold: () => undefined,
    // it would wait for messages from its parent: idle, it is stopped, its work done
    stop: () => {
      started.kill()
      return exited
    }
  }
}
