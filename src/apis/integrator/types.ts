/** Request and document shapes of the integrator.io spec (`specs/integrator.yaml`), written by hand. */

export type IntegrationMode = 'install' | 'settings' | 'uninstall';

/** The seed's SmartConnector `install[]` step. */
export interface InstallStep {
  name: string;
  description?: string;
  imageURL?: string;
  installURL?: string;
  completed?: boolean;
  installerFunction?: string;
  uninstallerFunction?: string;
  _connectionId?: string;
  [key: string]: unknown;
}

/** An `installSteps[]` / `uninstallSteps[]` item of template integrations. */
export interface TemplateStep {
  name: string;
  completed?: boolean;
  type?: string;
  _connectionId?: string;
  [key: string]: unknown;
}

/** The client-writable fields; unknown keys are kept as sent. */
export interface IntegrationFields {
  name?: string;
  description?: string;
  readme?: string;
  sandbox?: boolean;
  _registeredConnectionIds?: string[];
  install?: InstallStep[];
  installSteps?: TemplateStep[];
  uninstallSteps?: TemplateStep[];
  flowGroupings?: Array<{ _id?: string; name: string; settingsForm?: Record<string, unknown> }>;
  aliases?: Array<{ alias: string; [key: string]: unknown }>;
  mode?: IntegrationMode;
  settings?: Record<string, unknown>;
  version?: string;
  updateInProgress?: boolean;
  _connectorId?: string;
  _templateId?: string;
  tag?: string;
  [key: string]: unknown;
}

/** Body of createIntegration and updateIntegration. */
export interface IntegrationInput extends IntegrationFields {
  name: string;
}

/** Body of cloneIntegration (every key optional; the UI's other keys are ignored). */
export interface CloneRequest {
  name?: string;
  connectionMap?: Record<string, string>;
  sandbox?: boolean;
  tag?: string;
  [key: string]: unknown;
}
