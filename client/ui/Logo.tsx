// Hearth's flame mark, the same artwork as the app icon (client/public/favicon.svg).
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--accent)" />
      <path d="M29 7c-2 9-13 19-13 32a16 16 0 0 0 32 0C48 26 36 19 29 7z" fill="#fff4e4" />
      <path d="M31 29c-1 6-7 11-7 17a8 8 0 0 0 16 0c0-7-6-11-9-17z" fill="#ffbe5c" />
    </svg>
  );
}
