import { Counter, type Registry } from 'prom-client';

/** What came of notifying a hub of others (hub.mode=publish): accepted, tried again later, or given up. */
export type NotificationOutcome = 'accepted' | 'retried' | 'failed';
/** What came of one content distribution to a subscriber: delivered, tried again, given up, or the callback gone. */
export type DeliveryOutcome = 'delivered' | 'retried' | 'failed' | 'gone';
/** What came of an intent verification: verified, or the subscriber did not confirm (or was refused). */
export type VerificationOutcome = 'verified' | 'unconfirmed' | 'refused';

/** The WebSub counters, on the service's registry: the publisher's notifications and the built-in hub's work. */
export class WebSubMetrics {
  private readonly notifications: Counter<'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly verifications: Counter<'outcome'>;

  constructor(registry: Registry) {
    const counter = (name: string, help: string, outcomes: readonly string[]) => {
      const made = new Counter({ name, help, labelNames: ['outcome'], registers: [registry] });
      for (const outcome of outcomes) made.inc({ outcome }, 0);
      return made;
    };
    this.notifications = counter(
      'courier_websub_notifications_total',
      'Publish notifications to WebSub hubs (one per hub and feed) by outcome: accepted, retried, failed.',
      ['accepted', 'retried', 'failed'],
    );
    this.deliveries = counter(
      'courier_websub_deliveries_total',
      'Content distributions of the built-in hub (one per subscriber and change) by outcome.',
      ['delivered', 'retried', 'failed', 'gone'],
    );
    this.verifications = counter(
      'courier_websub_verifications_total',
      'Intent verifications of the built-in hub by outcome: verified, unconfirmed, refused.',
      ['verified', 'unconfirmed', 'refused'],
    );
  }

  notification(outcome: NotificationOutcome): void {
    this.notifications.inc({ outcome });
  }

  delivery(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }

  verification(outcome: VerificationOutcome): void {
    this.verifications.inc({ outcome });
  }
}
