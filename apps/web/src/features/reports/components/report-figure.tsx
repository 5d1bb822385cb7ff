/** A headline number: its name and its value, in a description list (`<dl className="report-figures">`). */
export function ReportFigure({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="report-figure">
      <dt className="report-figure__label">{label}</dt>
      <dd className="report-figure__value">{value}</dd>
    </div>
  );
}
