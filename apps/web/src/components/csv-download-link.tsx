import { buildUrl, type QueryParams } from '../lib/api-client.ts';

interface CsvDownloadLinkProps {
  /** The API's `.csv` twin of the list on screen, e.g. `/api/worklists/refills.csv`. */
  path: string;
  /** The same filters as the list on screen, so the file holds the rows the user sees. */
  query?: QueryParams;
  label?: string;
}

/**
 * A plain link: the browser downloads with the session cookie (same origin, a GET changes nothing),
 * and the API names the file. No blob built in the page, so large files stream.
 */
export function CsvDownloadLink({ path, query, label = 'Download CSV' }: CsvDownloadLinkProps) {
  return (
    <a className="button button--secondary" href={buildUrl(path, query)} download>
      {label}
    </a>
  );
}
