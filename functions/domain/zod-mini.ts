// zod for the Lambda code paths: zod/mini tree-shakes to the few schema types a function uses (~15 KB against ~95 KB
// for classic zod in every bundle). Importing this module (`import '#domain/zod-mini'`, next to
// `import * as z from 'zod/mini'`) gives its messages the English text classic zod has. The admin API's shared
// schemas (api*.ts) stay classic: the SPA and the OpenAPI generator use them.
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
