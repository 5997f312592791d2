export const DEV_BASE: string;
export class DeployError extends Error {}
export function httpsUrl(raw: string, name: string): string;
export function hostedBase(raw: string): string;
export function requiredExcelApi(xml: string): string;
export function manifestFor(xml: string, opts: { base: string; supportUrl?: string; version: string }): string;
export function helpFor(html: string, opts: { privacyUrl?: string }): string;
