import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../../shared/errors';

/**
 * Reads one SecureString parameter (decrypted with the function's KMS grant), e.g. the Teams bot's client
 * secret. Never logged.
 *
 * @throws ConfigError when the parameter is missing or empty, naming it.
 * @example
 * const appPassword = await readSecureParameter(new SSMClient({}), env.TEAMS_APP_PASSWORD_PARAM);
 */
export async function readSecureParameter(client: SSMClient, name: string): Promise<string> {
  let value: string | undefined;
  try {
    const result = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    value = result.Parameter?.Value;
  } catch (error) {
    if ((error as { name?: string }).name === 'ParameterNotFound') {
      throw new ConfigError(`SSM parameter ${name} not found`, { cause: error });
    }
    throw error;
  }
  if (!value) throw new ConfigError(`SSM parameter ${name} is empty`);
  return value;
}
