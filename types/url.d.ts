// The WHATWG URL class: the one host API templates/ uses (to read a URL's host). Node and every browser have it;
// tsconfig.templates.json, which has neither Node's nor the DOM's types, gets just this much of it from here.
interface URL {
  readonly protocol: string;
  readonly hostname: string;
}
declare const URL: { new (url: string, base?: string): URL };
