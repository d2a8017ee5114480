/** Where a line-format record is: the file as the user named it and the 1-based line number. */
export interface LineRef {
  readonly file: string;
  readonly line: number;
}
