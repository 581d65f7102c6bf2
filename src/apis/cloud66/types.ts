/** Request shapes of specs/cloud66.yaml, written by hand to match it. */

/** The partner's POST (`LinkRequest`): JSON or form-encoded, partner-specific keys allowed. */
export interface LinkRequest {
  link_uid: string;
  user_email: string;
  /** [INF] The sandbox's example of partner-specific payload. */
  project_uid?: string;
  [key: string]: unknown;
}

export interface LaunchQuery {
  email: string;
}

export interface CallbackQuery {
  uid: string;
  error?: string;
}

export interface LandingQuery {
  uid: string;
  email: string;
  callback: string;
}
