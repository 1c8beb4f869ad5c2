//! Drives the subnet: takes messages from the FIFO queue one at a time, schedules due timers and
//! heartbeats, charges for resources over time and expires bounded-wait calls.
use crate::runtime::EntryKind;
use crate::state::Message;
use crate::subnet::Subnet;
use crate::types::CanisterRunState;

impl Subnet {
    /// Executes the next queued message; false when the queue is empty.
    pub(crate) fn step(&mut self) -> bool {
        self.charge_for_resources();
        self.process_deadlines();
        let Some(message) = self.queue.pop_front() else { return false };
        match message {
            Message::Request(req) => self.execute_request(req),
            Message::Response(resp) => self.execute_response(resp),
            Message::Task { canister, kind } => self.execute_task(canister, kind),
        }
        true
    }

    /// Queues the global timers that are due and, if `heartbeats`, a heartbeat for every canister
    /// that has one. Returns how many tasks were queued.
    pub(crate) fn schedule_system_tasks(&mut self, heartbeats: bool) -> usize {
        let now = self.clock.now();
        let mut tasks = Vec::new();
        for (id, c) in self.canisters.iter_mut() {
            if c.run_state != CanisterRunState::Running || c.code.is_none() {
                continue;
            }
            if c.global_timer != 0 && c.global_timer <= now && c.exports("canister_global_timer") {
                // The timer is disarmed before its handler runs; the handler may set it again.
                c.global_timer = 0;
                tasks.push(Message::Task { canister: *id, kind: EntryKind::Timer });
            }
            if heartbeats && c.exports("canister_heartbeat") {
                tasks.push(Message::Task { canister: *id, kind: EntryKind::Heartbeat });
            }
        }
        let n = tasks.len();
        self.queue.extend(tasks);
        n
    }
}
