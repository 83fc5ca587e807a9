"""Strings of the ingestion area (reading files, mapping columns)."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors: a file is refused (never a cell value in these messages)
    "ingest.err.empty_file": ("ファイル「{file}」は空です。", "File “{file}” is empty."),
    "ingest.err.no_header": (
        "ファイル「{file}」の{row}行目は見出しではなくデータのようです（メールアドレス・数値・日付があり、"
        "既知の列名がありません）。見出し行を付けて出力し直してください。",
        "File “{file}”, row {row} looks like data, not a header row (it holds e-mail addresses, "
        "numbers or dates and no known column name). Export the file with its header row.",
    ),
    "ingest.err.header_only": (
        "ファイル「{file}」には見出し行しかなく、データ行がありません。",
        "File “{file}” has a header row but no data rows.",
    ),
    "ingest.err.too_large": (
        "ファイル「{file}」が大きすぎます（上限 {limit_mb} MB）。",
        "File “{file}” is too large (limit {limit_mb} MB).",
    ),
    "ingest.err.too_many_rows": (
        "ファイル「{file}」の行数が上限（{limit}行）を超えています。",
        "File “{file}” has more rows than the limit ({limit}).",
    ),
    "ingest.err.too_many_columns": (
        "ファイル「{file}」の列数（{count}）が上限（{limit}列）を超えています。",
        "File “{file}” has {count} columns, more than the limit ({limit}).",
    ),
    "ingest.err.binary": (
        "ファイル「{file}」はCSVやExcelではなく、画像・圧縮ファイルなどのバイナリのようです。CSV（カンマ区切り）か.xlsxで保存し直してください。",
        "File “{file}” looks like a binary file (an image, archive…), not CSV or Excel. Save it as CSV or .xlsx.",
    ),
    "ingest.err.decode": (
        "ファイル「{file}」は{row}行目から、UTF-8でもShift_JIS（CP932）でも読めない文字が多く、"
        "別の文字コード（EUC-JPなど）で保存されているようです。UTF-8で保存し直してください。",
        "File “{file}”: from line {row} on, most lines are neither UTF-8 nor Shift_JIS (CP932) "
        "— it seems saved in another encoding (EUC-JP…). Save the file as UTF-8.",
    ),
    "ingest.err.decode_line": (
        "ファイル「{file}」の{row}行目に、UTF-8でもShift_JIS（CP932）でも読めない文字（途中で切れた文字など）があります。"
        '見出しの行か、引用符（"）で囲まれた値の途中のため、この行だけを除いて読むことができません。その行を直して保存し直してください。',
        "File “{file}”, line {row}: bytes that are neither UTF-8 nor Shift_JIS (CP932) — a "
        "character cut in half, stray bytes. It is the header or inside a quoted value, so "
        "the file cannot be read without it: fix that line and save the file again.",
    ),
    "ingest.err.legacy_xls": (
        "ファイル「{file}」は古いExcel形式（.xls）です。Excelで「名前を付けて保存」から.xlsx形式で保存し直してください。",
        "File “{file}” is a legacy Excel workbook (.xls). Open it in Excel and save as .xlsx.",
    ),
    "ingest.err.encrypted": (
        "ファイル「{file}」はパスワードで保護されています。パスワードを解除して保存し直してからアップロードしてください。",
        "File “{file}” is password-protected. Remove the password in Excel, save, and upload again.",
    ),
    "ingest.err.damaged_xlsx": (
        "ファイル「{file}」はExcelファイルとして壊れているため読めません。",
        "File “{file}” is a damaged Excel workbook and cannot be read.",
    ),
    "ingest.err.not_xlsx": (
        "ファイル「{file}」はZIPファイルで、Excelブックではありません。",
        "File “{file}” is a ZIP archive, not an Excel workbook.",
    ),
    "ingest.err.zip_bomb": (
        "ファイル「{file}」は展開後のサイズが異常に大きいため読み込みを中止しました。",
        "File “{file}” expands to an abnormally large size; reading was stopped.",
    ),
    "ingest.err.zip_bomb_shared_strings": (
        "ファイル「{file}」の共有文字列（sharedStrings）が展開後 {size_mb} MB（圧縮時の{ratio}倍）になるため、読み込みを中止しました（圧縮爆弾の疑い）。",
        "File “{file}”: its shared strings expand to {size_mb} MB ({ratio}× their compressed size); "
        "reading was stopped (zip-bomb guard).",
    ),
    "ingest.err.zip_bomb_sheet": (
        "ファイル「{file}」のシートが展開後 {size_mb} MB（圧縮時の{ratio}倍）になるため、読み込みを中止しました（圧縮爆弾の疑い）。",
        "File “{file}”: a sheet expands to {size_mb} MB ({ratio}× its compressed size); "
        "reading was stopped (zip-bomb guard).",
    ),
    "ingest.err.zip_bomb_part": (
        "ファイル「{file}」の内部データ（書式・ブック情報など）が展開後 {size_mb} MB（圧縮時の{ratio}倍）になるため、読み込みを中止しました（圧縮爆弾の疑い）。",
        "File “{file}”: an internal part (styles, workbook information…) expands to {size_mb} MB "
        "({ratio}× its compressed size); reading was stopped (zip-bomb guard).",
    ),
    "ingest.err.zip_bomb_other": (
        "ファイル「{file}」に含まれるデータが展開後 {size_mb} MB（圧縮時の{ratio}倍）になるため、読み込みを中止しました（圧縮爆弾の疑い）。",
        "File “{file}”: an embedded item expands to {size_mb} MB ({ratio}× its compressed size); "
        "reading was stopped (zip-bomb guard).",
    ),
    "ingest.err.zip_overflow": (
        "ファイル「{file}」の中身が、ZIPの見出しに書かれたサイズより大きく展開されるため、読み込みを中止しました（壊れているか、細工されたファイルです）。",
        "File “{file}” expands to more than its zip headers declare; reading was stopped "
        "(the file is damaged or was crafted).",
    ),
    "ingest.err.xlsx_beyond_grid": (
        "ファイル「{file}」のシート「{sheet}」に、Excelの最大範囲（1,048,576行・16,384列）を超える行・列が書かれています。壊れているか、細工されたファイルです。",
        "File “{file}”, sheet “{sheet}”: it places rows or columns beyond Excel's grid "
        "(1,048,576 rows × 16,384 columns); the file is damaged or was crafted.",
    ),
    "ingest.err.second_header_differs": (
        "ファイル「{file}」の{row}行目から別のファイルが始まっています（BOM付きの見出し行）。列が最初の見出し行と異なるため、この行以降を同じ表として読めません。元のファイルを別々にアップロードしてください。",
        "File “{file}”: a second file starts on line {row} (a header row with a byte-order mark) "
        "and its columns differ from the first header row, so its rows cannot be read as the same "
        "table. Upload the two exports as separate files.",
    ),
    "ingest.err.convert_failed": (
        "ファイル「{file}」は読み込めましたが、予期しない問題のため取り込めませんでした。ほかのファイルには影響ありません。",
        "File “{file}” was read but could not be loaded because of an unexpected problem; "
        "the other files are not affected.",
    ),
    "ingest.err.no_sheet": (
        "ファイル「{file}」にシート「{sheet}」がありません。",
        "File “{file}” has no sheet “{sheet}”.",
    ),
    "ingest.err.ragged_row": (
        "ファイル「{file}」の{row}行目の項目数（{count}）が見出し行（{expected}）より多くなっています。区切り文字や引用符を確認してください。",
        "File “{file}”, line {row}: {count} fields where the header has {expected}. Check delimiters and quotes.",
    ),
    "ingest.err.unterminated_quote": (
        'ファイル「{file}」の{row}行目で始まる引用符（"）が閉じられていません。',
        'File “{file}”: the quote (") opened on line {row} is never closed.',
    ),
    "ingest.err.unreadable": (
        "ファイル「{file}」を読み込めませんでした。CSV（UTF-8またはShift_JIS）か.xlsxで保存し直してください。",
        "File “{file}” could not be read. Save it as CSV (UTF-8 or Shift_JIS) or .xlsx.",
    ),
    "ingest.err.bad_mapping": (
        "保存された列の対応付けが不正です。",
        "The saved column mapping is invalid.",
    ),
    "ingest.err.nothing_mapped": (
        "ファイル「{file}」の列を、どの項目にも対応付けられませんでした。",
        "No column of file “{file}” could be mapped to a known field.",
    ),
    # issues: reported, the file is still read
    "ingest.issue.blank_header": (
        "{row}行目の見出しが空の列があります（「{column}」と名付けました）。",
        "Line {row}: a column has a blank header (named “{column}”).",
    ),
    "ingest.issue.duplicate_header": (
        "{row}行目の見出し「{column}」が重複しています。",
        "Line {row}: header “{column}” appears more than once.",
    ),
    "ingest.issue.short_row": (
        "項目数が見出しより少ない行が{count}行あります（最初は{row}行目）。足りない項目は空欄として扱いました。",
        "{count} rows have fewer fields than the header (first: line {row}); the missing fields were left blank.",
    ),
    "ingest.issue.short_row_one": (
        "項目数が見出しより少ない行が{count}行あります（{row}行目）。足りない項目は空欄として扱いました。",
        "{count} row has fewer fields than the header (line {row}); the missing fields were left blank.",
    ),
    "ingest.issue.extra_cells": (
        "見出しのない列に値がある行が{count}行あります（最初は{row}行目）。その値は読み込んでいません。",
        "{count} rows have values beyond the last header (first: row {row}); those cells were not read.",
    ),
    "ingest.issue.unreadable_lines": (
        "{count}行にUTF-8でもShift_JIS（CP932）でも読めない文字（途中で切れた文字など）があり、"
        "その行は読み込んでいません（最初は{row}行目）。元のファイルのその行を確認してください。",
        "{count} lines hold bytes that are neither UTF-8 nor Shift_JIS (CP932) — a character "
        "cut in half, stray bytes — and were not read (first: line {row}). Check those lines "
        "in the original file.",
    ),
    "ingest.issue.mixed_encoding": (
        "{count}行がShift_JIS（CP932）で、ほかの行はUTF-8で書かれていました（最初は{row}行目）。"
        "各行をその文字コードで読みました。元のファイルを一つの文字コードで保存し直すと確実です。",
        "{count} lines were in Shift_JIS (CP932) and the others in UTF-8 (first: line {row}). "
        "Each line was read in its own encoding; saving the file in one encoding is safer.",
    ),
    "ingest.issue.blank_rows": (
        "空行が{count}行ありました（最初は{row}行目）。読み飛ばしました。",
        "{count} blank rows were skipped (first: line {row}).",
    ),
    "ingest.issue.blank_rows_one": (
        "空行が{count}行ありました（{row}行目）。読み飛ばしました。",
        "{count} blank row was skipped (line {row}).",
    ),
    "ingest.issue.sheet_chosen": (
        "{count}枚のシートのうち、データの表らしい「{column}」シートを読みました。",
        "{count} sheets: read “{column}”, the one that looks like a data table.",
    ),
    "ingest.issue.foreign_currency": (
        "「{column}」の{count}行はドル・ユーロなど円以外の通貨記号つきです。換算せず数値のまま数えます（最初は{row}行目）。金額の通貨はデータ画面の「金額の通貨」で選べます。",
        "“{column}”: {count} amounts carry another currency's sign than yen; counted as they "
        "are, without conversion (first: line {row}). Choose the amounts' currency under "
        "“Currency of the amounts” on the Data page.",
    ),
    # the same, said of one sign's amounts (hidden once the workspace counts in that currency)
    "ingest.issue.foreign_currency_dollar": (
        "「{column}」の{count}行はドル・ユーロなど円以外の通貨記号つきです。換算せず数値のまま数えます（最初は{row}行目）。金額の通貨はデータ画面の「金額の通貨」で選べます。",
        "“{column}”: {count} amounts carry another currency's sign than yen; counted as they "
        "are, without conversion (first: line {row}). Choose the amounts' currency under "
        "“Currency of the amounts” on the Data page.",
    ),
    "ingest.issue.foreign_currency_euro": (
        "「{column}」の{count}行はドル・ユーロなど円以外の通貨記号つきです。換算せず数値のまま数えます（最初は{row}行目）。金額の通貨はデータ画面の「金額の通貨」で選べます。",
        "“{column}”: {count} amounts carry another currency's sign than yen; counted as they "
        "are, without conversion (first: line {row}). Choose the amounts' currency under "
        "“Currency of the amounts” on the Data page.",
    ),
    "ingest.issue.foreign_currency_pound": (
        "「{column}」の{count}行はドル・ユーロなど円以外の通貨記号つきです。換算せず数値のまま数えます（最初は{row}行目）。金額の通貨はデータ画面の「金額の通貨」で選べます。",
        "“{column}”: {count} amounts carry another currency's sign than yen; counted as they "
        "are, without conversion (first: line {row}). Choose the amounts' currency under "
        "“Currency of the amounts” on the Data page.",
    ),
    "ingest.issue.zoned_times": (
        "「{column}」の{count}行はタイムゾーン付きの時刻（UTCなど）です。日本時間に直して読みました"
        "（最初は{row}行目）。",
        "“{column}”: {count} times carry their time zone (UTC…); they were read in Japan "
        "time (first: line {row}).",
    ),
    # said by loads before 2026-12-07 (amounts counted unconverted); kept so that a snapshot
    # stored then still shows its report
    "ingest.issue.foreign_currency_column": (
        "「{column}」の{count}行は、通貨の列によると円以外の通貨です。換算せず数値のまま数えます"
        "（最初は{row}行目）。換算済みの金額の列（会社の通貨での金額など）があれば、それを金額に対応付けてください。"
        "金額の通貨はデータ画面の「金額の通貨」で選べます。",
        "“{column}”: {count} amounts are in another currency than yen by the currency column; "
        "counted as they are, without conversion (first: line {row}). Map a converted amount "
        "column (Amount in company currency…) to the amount if the export has one, and choose "
        "the amounts' currency under “Currency of the amounts” on the Data page.",
    ),
    "ingest.issue.close_dates_joined": (
        "{count}件の商談の完了日を列「{column}」と合わせて読みました。受注・失注した日があればその日、なければ予定日です。",
        "{count} deals take their close date together with the column “{column}”: the day "
        "the deal closed where the sheet gives one, else the day it is planned to close.",
    ),
    "ingest.issue.amounts_converted": (
        "「{column}」の{count}件は、通貨の列またはセルの通貨記号によると別の通貨の金額です。データ画面の「金額の通貨」で"
        "入力された為替レートで換算しました（最初は{row}行目）。",
        "“{column}”: {count} amounts are in another currency by the currency column or the "
        "cell's own sign; they "
        "were converted at the exchange rates given under “Currency of the amounts” on the "
        "Data page (first: line {row}).",
    ),
    "ingest.issue.amounts_no_rate": (
        "「{column}」の{count}件は、通貨の列またはセルの通貨記号によると別の通貨の金額で、為替レートがありません。"
        "商談としては数えますが、金額はどの合計にも入れていません（最初は{row}行目）。"
        "データ画面の「金額の通貨」でレートを入力するか、換算済みの金額の列（会社の通貨での金額など）を"
        "金額に対応付けてください。",
        "“{column}”: {count} amounts are in another currency by the currency column or the "
        "cell's own sign and have "
        "no exchange rate: the deals are counted, their amounts are left out of every sum "
        "(first: line {row}). Give the rates under “Currency of the amounts” on the Data "
        "page, or map a converted amount column (Amount in company currency…) to the amount.",
    ),
    "ingest.issue.card_touches": (
        "交換日のある名刺{count}枚を、その日の「名刺交換」の行動としても数えます（スコアリング・エンゲージメント）。",
        "{count} cards with an exchange date also count as a business-card exchange on that day "
        "(scoring, engagement).",
    ),
    "ingest.issue.card_touches_one": (
        "交換日のある名刺1枚を、その日の「名刺交換」の行動としても数えます（スコアリング・エンゲージメント）。",
        "1 card with an exchange date also counts as a business-card exchange on that day "
        "(scoring, engagement).",
    ),
    "ingest.issue.summary_rows": (
        "集計行（小計・合計など）{count}行を読み飛ばしました（最初は{row}行目）。",
        "{count} summary rows (subtotals, totals) skipped (first: line {row}).",
    ),
    "ingest.issue.summary_rows_one": (
        "集計行（小計・合計など）{count}行を読み飛ばしました（{row}行目）。",
        "{count} summary row (subtotal, total) skipped (line {row}).",
    ),
    "ingest.issue.group_filled": (
        "グループ化された列「{column}」の空欄{count}行に、グループの値を入れました。",
        "Grouped column “{column}”: the group's value filled into {count} blank rows.",
    ),
    "ingest.issue.footer_rows": (
        "表の末尾にある注記行（{count}行、最初は{row}行目）はデータではないため読み飛ばしました。",
        "{count} note rows at the end of the table (first: line {row}) are not data and were skipped.",
    ),
    "ingest.issue.footer_rows_one": (
        "表の末尾にある注記行（{count}行、{row}行目）はデータではないため読み飛ばしました。",
        "{count} note row at the end of the table (line {row}) is not data and was skipped.",
    ),
    "ingest.issue.repeated_header": (
        "{row}行目は見出し行の繰り返しです（2つの出力を貼り合わせたファイル？）。データとしては読み込んでいません。",
        "Line {row} repeats the header row (two exports pasted together?); it was not read as data.",
    ),
    "ingest.issue.repeated_header_more": (
        "ほかにも見出し行の繰り返しが{count}行ありました（最初は{row}行目）。データとしては読み込んでいません。",
        "{count} more rows repeat the header row (first: line {row}); they were not read as data.",
    ),
    "ingest.issue.stray_bom": (
        "{count}行の先頭にBOM（見えない文字 U+FEFF）がありました（最初は{row}行目）。取り除いて読み込みました。",
        "{count} rows started with a byte-order mark (invisible U+FEFF; first: line {row}); "
        "it was removed.",
    ),
    "ingest.issue.unparseable_int": (
        "列「{column}」の{count}件の値を整数として読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not whole numbers (first: line {row}); they are left blank.",
    ),
    "ingest.issue.unparseable_float": (
        "列「{column}」の{count}件の値を数値として読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not numbers (first: line {row}); they are left blank.",
    ),
    "ingest.issue.unparseable_money": (
        "列「{column}」の{count}件の値を金額として読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not amounts (first: line {row}); they are left blank.",
    ),
    "ingest.issue.unparseable_datetime": (
        "列「{column}」の{count}件の値を日付として読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not dates (first: line {row}); they are left blank.",
    ),
    "ingest.issue.unparseable_bool": (
        "列「{column}」の{count}件の値をはい／いいえとして読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not yes/no (first: line {row}); they are left blank.",
    ),
    "ingest.issue.unparseable_string": (
        "列「{column}」の{count}件の値からドメインを取り出せませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: no domain could be read from {count} values (first: line {row}); they are left blank.",
    ),
    "ingest.issue.day_first": (
        "列「{column}」の日付は「日/月/年」の順と判断しました。",
        "Column “{column}”: dates were read as day/month/year.",
    ),
    "ingest.issue.unparseable_text": (
        "列「{column}」の{count}件の値に文字として正しくない部分（不正なUnicode）があり、読めませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are not valid text (broken Unicode) (first: line {row}); they are left blank.",
    ),
    "ingest.issue.too_long_value": (
        "列「{column}」の{count}件の値は、1つの値としては長すぎるため（長い空白の連続など）読み取りませんでした（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values are far too long to be one value (e.g. long runs of spaces) and were not read (first: line {row}); they are left blank.",
    ),
    "ingest.issue.implausible_int": (
        "列「{column}」の{count}件の値は、件数・人数としてあり得ない値（マイナス、△や▲付き、無限大、1,000兆以上）のため使っていません（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values can't be right for a count (negative, marked △/▲, infinite, or 10^15 or more) and are not used (first: line {row}); they are left blank.",
    ),
    "ingest.issue.implausible_float": (
        "列「{column}」の{count}件の値は、この項目としてあり得ない値（下限未満のマイナス、無限大、1,000兆以上）のため使っていません（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values can't be right for this field (below its minimum, infinite, or 10^15 or more) and are not used (first: line {row}); they are left blank.",
    ),
    "ingest.issue.implausible_money": (
        "列「{column}」の{count}件の値は、金額としてあり得ない値（マイナス、△や▲付き、無限大、1,000兆円以上）のため使っていません（最初は{row}行目）。空欄として扱っています。",
        "Column “{column}”: {count} values can't be right as an amount (negative, marked △/▲, infinite, or ¥10^15 or more) and are not used (first: line {row}); they are left blank.",
    ),
    "ingest.issue.duplicate_mapping": (
        "列「{column}」は、同じ項目にすでに別の列が対応付けられているため読み込んでいません。",
        "Column “{column}” was not used: another column is already mapped to the same field.",
    ),
    "ingest.issue.duplicate_mapping_named": (
        "列「{column}」は、同じ項目にすでに列「{kept}」が対応付けられているため読み込んでいません。",
        "Column “{column}” was not used: “{kept}” is already mapped to the same field.",
    ),
    "ingest.issue.lead_id_generated": (
        "リードIDがない{count}行にIDを自動で付けました。",
        "{count} rows had no lead id; an id was generated.",
    ),
    "ingest.issue.linked_by_email": (
        "{count}行をメールアドレスでリードに結び付けました。",
        "{count} rows were linked to leads by e-mail address.",
    ),
    "ingest.issue.unlinked": (
        "{count}行はどのリードにも結び付けられませんでした（最初は{row}行目）。",
        "{count} rows could not be linked to any lead (first: line {row}).",
    ),
    "ingest.issue.linked_by_name": (
        "メールアドレスのない{count}行を、担当者の氏名と会社（名寄せ後の企業）でリードに結び付けました。",
        "{count} rows without an e-mail address were linked to leads by contact name and company.",
    ),
    "ingest.issue.linked_to_account": (
        "{count}行は人には結び付きませんでしたが、会社（企業）には結び付けました。",
        "{count} rows could not be linked to a person, only to their company (account).",
    ),
    "ingest.issue.linked_after_resolve": (
        "{count}行はリードID・メールアドレスでは結び付きませんでした。名寄せの後で、"
        "担当者の氏名と名寄せ後の企業で探し、見つからなければ企業だけに結び付けます。",
        "{count} rows were not linked by lead id or e-mail. Once companies are matched they are "
        "looked up by contact name within the resolved account, else linked to the account alone.",
    ),
    "ingest.issue.no_person_key": (
        "このファイルには人に結び付けるキー（リードID・メールアドレス・担当者の氏名）がありません。"
        "{count}行は会社にしか結び付けられません。列の対応を確認してください。",
        "This file has no key to link its rows to people (lead id, e-mail or contact name): "
        "its {count} rows can reach their company at most. Check the column mapping.",
    ),
    "ingest.issue.no_link_key": (
        "このファイルには結び付けるキー（リードID・メールアドレス・氏名・会社名）が一つもありません。"
        "{count}行はどのリードにも企業にも結び付きません。列の対応を確認してください。",
        "This file has no key to link its rows by (lead id, e-mail, contact name or company): "
        "none of its {count} rows can be linked. Check the column mapping.",
    ),
    "ingest.issue.superseded": (
        "{count}行の商談は後のファイルにも同じIDで載っているため、後のファイルの行を使います（空欄はこの行から補います）。",
        "{count} opportunity rows are listed again (same id) in a later file: that file's rows are "
        "used, their blanks filled from these.",
    ),
    "ingest.issue.test_deals": (
        "{count}件の商談は商談名がテスト用（【テスト】・TEST_・ダミーなど）のため、商談の数・金額に"
        "含めません（最初は{row}行目。読み込まなかった行のダウンロードに載っています）。",
        "{count} deals are named as tests ([TEST], TEST_, dummy…) and are left out of every deal "
        "figure (first at row {row}; listed in the download of rows not loaded).",
    ),
    "ingest.issue.contact_roles": (
        "このファイルは商談の取引先責任者の一覧です。{count}行の取引先責任者を、ほかのファイルの"
        "同じ商談（商談ID、または商談名と取引先名）の購買関与者（バイイングコミッティ）に加えました。"
        "商談としては数えません。また、商談になったリードとしても数えません（リード単位のファネルで"
        "商談化・受注に達するのは商談自体の取引先責任者だけで、商談ファイルに取引先責任者がない商談は"
        "このファイルの主担当の1人です）。",
        "This file lists the contacts of deals: {count} rows' contacts join the buying "
        "committees of the same deals in another file (by deal id, or deal and account name). "
        "They are not counted as deals, nor as leads that became the deal: in the lead-level "
        "funnel only a deal's own contact reaches Opportunity and Won (for a deal the deals' "
        "file gives no contact, this file's primary contact).",
    ),
    "ingest.issue.buying_role_carried": (
        "{count}行の役割（意思決定者・評価者など）を、その行の取引先責任者（ID、メール、"
        "または氏名と会社名で一致したリード）の購買における役割に加えました。",
        "{count} rows' roles (Decision Maker, Evaluator…) were added to the buying role of the "
        "person each row names (the lead matched by id, e-mail, or name and company).",
    ),
    "ingest.issue.buying_role_no_person": (
        "{count}行の役割は、ID・メール・氏名と会社名のどれでも読み込んだリードが見つからないため、"
        "だれの役割にもしていません。",
        "{count} rows' roles name no loaded lead (by id, e-mail, or name and company): they "
        "are given to nobody.",
    ),
    "ingest.issue.buying_role_unknown": (
        "列「{column}」の{count}行に、購買関与者の役割として読めない値があります。その値は"
        "役割のカバー率に数えていません（役職から判定した役割はそのまま数えます）。",
        "{count} rows of column '{column}' hold a value Mori does not read as a buying-committee "
        "role: that value counts toward no role (the roles read from titles still count).",
    ),
    "ingest.issue.deal_not_found": (
        "{count}行は、商談ID・商談名と取引先名の合う商談がほかのファイルに1件だけ見つからないため、"
        "どの商談にも結び付けていません（読み込まなかった行として一覧できます）。",
        "{count} rows name no deal that exactly one other file's row matches (deal id, or deal "
        "and account name): they join no deal (listed as rows not loaded).",
    ),
    "ingest.issue.deal_rows_merged": (
        "{count}行は上の行と同じ商談です（取引先責任者ごと・商品ごとの行）。商談は1件として数え、"
        "各行の取引先責任者はその商談に残します。",
        "{count} rows list a deal already listed above (a row per contact or per product): "
        "the deal counts once and keeps every row's contact.",
    ),
    "ingest.issue.unknown_phase": (
        "{count}行のフェーズは受注・失注・進行中のどれか分かりません（進行中として数えます）。"
        "データページのフェーズ表で分類してください。",
        "{count} rows have a phase Mori does not know (counted as open). "
        "Classify these phases in the phase table on the data page.",
    ),
}

# What a load filled in from the file's own words (derive.py): never a value.
STRINGS.update(
    {
        "ingest.issue.full_name_built": (
            "{count}行の氏名を姓と名から組み立てました（漢字・かなは「姓 名」、それ以外は「名 姓」の順）。",
            "Built the full name of {count} rows from the last and first name "
            "(family name first for kanji/kana names, given name first otherwise).",
        ),
        "ingest.issue.salesforce_id15": (
            "列「{column}」の18桁のSalesforce ID {count}件を15桁に揃えました（レポートの15桁IDと同じIDとして結び付きます）。",
            "Column “{column}”: {count} 18-character Salesforce ids were shortened to their "
            "15-character form, so they match the ids of Salesforce reports.",
        ),
        "ingest.issue.band_lower_bound": (
            "列「{column}」の{count}行は「1,000〜1,999名」「2000+」のような区分です。"
            "数値には区分の下限を使い、区分は元の表記のまま別の列に残しました。",
            "Column “{column}”: {count} rows hold a band such as “1,000–1,999” or “2000+”. "
            "The number is the band's lower bound; the band is kept as written in its own column.",
        ),
        "ingest.issue.probability_fraction": (
            "列「{column}」の確度は0〜1の割合で書かれているため、100倍して％にしました（{count}行）。",
            "Column “{column}”: the probability is written as a fraction of 1, so it was "
            "multiplied by 100 to get percent ({count} rows).",
        ),
        "ingest.issue.email_from_contact": (
            "列「{column}」の{count}行はコンタクトをメールアドレスで示しているため、"
            "そのアドレスをメールアドレスとして使いました（複数あれば「;」区切りのまま）。",
            "Column “{column}”: {count} rows name the contact by e-mail address, so that "
            "address is used as the row's e-mail (several stay ';'-separated).",
        ),
        "ingest.issue.no_response": (
            "キャンペーン・プログラムに応答していないメンバー（送信済み・招待・欠席など）の{count}行は、"
            "行動ではないため読み込んでいません（最初は{row}行目）。どのページのエンゲージメントにも数えません。",
            "{count} campaign or program members did not respond (sent, invited, no-show…): "
            "they are no activity and were left out (first: line {row}); no page counts them "
            "as engagement.",
        ),
        "ingest.issue.named_forms": (
            "列「{column}」のフォーム名から、フォーム送信{count}行の種類（資料請求・デモ／問い合わせ・"
            "ウェビナー申込）を読み取りました。種別はフォーム名を付けて表示します"
            "（例：「フォーム送信: 資料請求フォーム」）。",
            "Column “{column}”: {count} form submissions take their kind (a download, a demo "
            "or contact request, a webinar registration) from the form's name, shown beside "
            "their type (e.g. “フォーム送信: 資料請求フォーム”).",
        ),
        "ingest.issue.object_action": (
            "列「{column}」（何をしたか：開封・クリック・表示・成功・出席など）は行動の種類の列"
            "（何に対してか：メール・ページ・フォーム・ファイル・ウェビナーなど）と合わせて読み、"
            "{count}行の種類（メール開封・クリック、ページ閲覧、フォーム送信、ウェビナー参加など）を"
            "決めました。",
            "Column “{column}” (what the person did: open, click, view, success, attended…) "
            "is read together with the activity type column (what it was on: an e-mail, a "
            "page, a form, a file, a webinar…): it set the kind of {count} rows (an e-mail "
            "open or click, a page view, a form submission, a webinar attended…).",
        ),
        "ingest.issue.planned_tasks": (
            "列「{column}」が未着手・延期のタスク{count}行は、まだ行われていない予定のため"
            "読み込んでいません（最初は{row}行目）。期日が過ぎても営業の接触には数えません。",
            "Column “{column}”: {count} tasks are not started or deferred — a plan, not a "
            "touch — and were left out (first: line {row}); no page counts them as sales "
            "touches, even once their due date has passed.",
        ),
        "ingest.issue.acquired_members": (
            "列「{column}」によると、{count}人はこのプログラムで新しく獲得された人です。"
            "このファイルからは人（リード）を作らず、参加は行動として読みます。"
            "人として数えるには、その人を含む人のエクスポート（People）も読み込んでください。",
            "Column “{column}”: {count} members were acquired by this program (new people). "
            "This file makes no person of them: their membership is read as an activity. "
            "Load a people export that holds them to count them as leads.",
        ),
    }
)

# Report types a file was recognised as (abm.ingest.signatures).
STRINGS.update(
    {
        "ingest.report.none": ("（種類を特定できず）", "(report type not recognised)"),
        "ingest.report.salesforce.report_leads": (
            "Salesforce レポート：リード",
            "Salesforce report: leads",
        ),
        "ingest.report.salesforce.report_contacts": (
            "Salesforce レポート：取引先責任者",
            "Salesforce report: contacts",
        ),
        "ingest.report.salesforce.report_accounts": (
            "Salesforce レポート：取引先",
            "Salesforce report: accounts",
        ),
        "ingest.report.salesforce.report_opportunities": (
            "Salesforce レポート：商談",
            "Salesforce report: opportunities",
        ),
        "ingest.report.salesforce.report_activities": (
            "Salesforce レポート：活動（営業の活動履歴）",
            "Salesforce report: activities (sales activity history)",
        ),
        "ingest.report.salesforce.campaign_members": (
            "Salesforce レポート：キャンペーンメンバー（キャンペーンへの応答）",
            "Salesforce report: campaign members (campaign responses)",
        ),
        "ingest.report.salesforce.api_lead": (
            "Salesforce データエクスポート：Lead",
            "Salesforce data export: Lead",
        ),
        "ingest.report.salesforce.api_contact": (
            "Salesforce データエクスポート：Contact",
            "Salesforce data export: Contact",
        ),
        "ingest.report.salesforce.api_account": (
            "Salesforce データエクスポート：Account",
            "Salesforce data export: Account",
        ),
        "ingest.report.salesforce.api_opportunity": (
            "Salesforce データエクスポート：Opportunity",
            "Salesforce data export: Opportunity",
        ),
        "ingest.report.salesforce.api_task": (
            "Salesforce データエクスポート：Task",
            "Salesforce data export: Task",
        ),
        "ingest.report.salesforce.api_event": (
            "Salesforce データエクスポート：Event",
            "Salesforce data export: Event",
        ),
        "ingest.report.hubspot.contacts": ("HubSpot：コンタクト", "HubSpot: contacts"),
        "ingest.report.hubspot.companies": ("HubSpot：会社", "HubSpot: companies"),
        "ingest.report.hubspot.deals": ("HubSpot：取引", "HubSpot: deals"),
        "ingest.report.hubspot.calls": ("HubSpot：コール（営業活動）", "HubSpot: calls (sales)"),
        "ingest.report.hubspot.meetings": (
            "HubSpot：ミーティング（営業活動）",
            "HubSpot: meetings (sales)",
        ),
        "ingest.report.hubspot.emails": (
            "HubSpot：Eメール（営業活動）",
            "HubSpot: e-mails (sales)",
        ),
        "ingest.report.hubspot.tasks": ("HubSpot：タスク（営業活動）", "HubSpot: tasks (sales)"),
        "ingest.report.hubspot.notes": ("HubSpot：メモ（営業活動）", "HubSpot: notes (sales)"),
        "ingest.report.marketo.leads": ("Marketo：リード一覧", "Marketo: lead list"),
        "ingest.report.marketo.program_members": (
            "Marketo：プログラムメンバー（プログラムへの参加・応答）",
            "Marketo: program members (program responses)",
        ),
        "ingest.report.marketo.activities": (
            "Marketo：活動ログ（マーケティング）",
            "Marketo: activity log (marketing)",
        ),
        "ingest.report.pardot.prospects": (
            "Account Engagement：プロスペクト",
            "Account Engagement: prospects",
        ),
        "ingest.report.pardot.visitor_activities": (
            "Account Engagement：ビジターアクティビティ（マーケティング）",
            "Account Engagement: visitor activities (marketing)",
        ),
        "ingest.report.bownow.leads": ("BowNow：リード一覧", "BowNow: leads"),
        "ingest.report.satori.customers": ("SATORI：カスタマー", "SATORI: customers"),
        "ingest.report.satori.actions": ("SATORI：アクション履歴", "SATORI: action history"),
        "ingest.report.bownow.access_log": ("BowNow：アクセスログ", "BowNow: access log"),
        "ingest.report.business_card.cards": ("名刺データ", "Business cards"),
    }
)

# Display names for the data page (vendors, tables, issue checks).
STRINGS.update(
    {
        "ingest.vendor.bownow": ("BowNow", "BowNow"),
        "ingest.vendor.salesforce": ("Salesforce", "Salesforce"),
        "ingest.vendor.hubspot": ("HubSpot", "HubSpot"),
        "ingest.vendor.pardot": ("Account Engagement（Pardot）", "Account Engagement (Pardot)"),
        "ingest.vendor.marketo": ("Marketo", "Marketo"),
        "ingest.vendor.satori": ("SATORI", "SATORI"),
        "ingest.vendor.business_card": (
            "名刺管理（Eight・Sansan など）",
            "Business cards (Eight, Sansan…)",
        ),
        "ingest.vendor.generic_ja": ("汎用（日本語の見出し）", "Generic (Japanese headers)"),
        "ingest.vendor.generic": ("汎用", "Generic"),
        "ingest.table.leads": ("リード", "Leads"),
        "ingest.table.activities": ("行動履歴", "Activities"),
        "ingest.table.opportunities": ("商談", "Opportunities"),
        "ingest.table.accounts": ("取引先（企業）", "Accounts"),
        "ingest.col.file": ("ファイル", "File"),
        "ingest.col.row": ("行", "Row"),
        "ingest.col.column": ("列", "Column"),
        "ingest.col.count": ("件数", "Count"),
        "ingest.col.message": ("内容", "Message"),
    }
)
